import { weierstrass, type WeierstrassOpts } from '@noble/curves/abstract/weierstrass.js';

/**
 * The SM2 recommended curve sm2p256v1 (GB/T 32918.5-2017 §2, OID 1.2.156.10197.1.301); the
 * constants agree with `openssl ecparam -name SM2 -param_enc explicit -text`. @noble/curves does
 * the point arithmetic (audited, and it validates points), the SM2 scheme itself is in sm2.ts
 * because no maintained library lets us pin it to the standard's vector with a chosen k.
 */
export const sm2CurveParams: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** Points on sm2p256v1. */
export const Sm2Point = weierstrass<bigint>(sm2CurveParams);

/** A point on the SM2 curve. */
export type Sm2PointType = InstanceType<typeof Sm2Point>;

/** Size of a field element and of a scalar, in bytes. */
export const SM2_BYTES = 32;
