import { Type, type TObject, type TProperties, type TSchema } from 'typebox';

/** RFC 9457 problem details, with our stable `code` and the field at fault. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the problem type: urn:tongban:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable error code (SCREAMING_SNAKE)' }),
    field: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem details (RFC 9457)' },
);

/** A page of a list and the cursor for the next one. */
export const PageOf = <T extends TSchema>(entry: T) =>
  Type.Object({
    entries: Type.Array(entry),
    nextCursor: Type.Optional(Type.String({ description: 'Pass as ?cursor= for the next page' })),
  });

export const PageQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});

/** `latest` or a version number. */
export const VersionParam = Type.Union(
  [Type.Literal('latest'), Type.String({ pattern: '^[1-9][0-9]{0,8}$' })],
  {
    description: "A catalog version number, or 'latest'",
  },
);

/**
 * One object schema with the properties of two (for query strings). Spreads the properties rather than
 * evaluating an intersection: TypeBox's Evaluate<Intersect> types exhaust the compiler on declaration emit.
 */
export const Merge = <A extends TProperties, B extends TProperties>(
  a: TObject<A>,
  b: TObject<B>,
): TObject<A & B> => Type.Object<A & B>({ ...a.properties, ...b.properties });
