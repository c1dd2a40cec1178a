import { chainSpecs, type ChainKey } from './chains.js';
import { addWorkingDays, nextWorkingDay } from './dates.js';
import { createRandom, type Random } from './random.js';
import { itemSpec, type ItemSpec } from './service-items.js';
import { AS_OF } from './timeline.js';
import type { DemoCaseOutcome } from './types.js';

/** The dates of one case as day numbers; null for a step not reached (or not reached by AS_OF). */
export interface CaseTiming {
  readonly submitted: number;
  readonly accepted: number | null;
  readonly supplement: { readonly requested: number; readonly supplied: number | null } | null;
  readonly decided: number | null;
  readonly concluded: number | null;
  readonly delivered: number | null;
  readonly outcome: DemoCaseOutcome;
}

const OUTCOMES_PERMIT: readonly (readonly [DemoCaseOutcome, number])[] = [
  ['approved', 90],
  ['denied', 4],
  ['refused', 3],
  ['withdrawn', 3],
];
const OUTCOMES_OTHER: readonly (readonly [DemoCaseOutcome, number])[] = [
  ['approved', 96],
  ['refused', 2],
  ['withdrawn', 2],
];

/** Advances by `n` days of the limit's unit; natural-day deadlines still end on a working day. */
function advance(from: number, n: number, unit: 'working' | 'natural'): number {
  return unit === 'working' ? addWorkingDays(from, n) : nextWorkingDay(from + n);
}

/**
 * Times a case of an item submitted on `submitted` (a working day). Processing mostly finishes
 * within the promised limit (skewed towards quick), a few cases run over it, a few over the statutory
 * limit too; 补正 pauses the clock. Chain steps always succeed and never run late, so that a chain's
 * certificate exists and the next step can follow. Dates after AS_OF become null and the case is open.
 */
export function timeCase(rng: Random, spec: ItemSpec, submitted: number, inChain: boolean): CaseTiming {
  const permit = spec.type === '行政许可' || spec.type === '行政确认';
  const outcome: DemoCaseOutcome = inChain
    ? 'approved'
    : rng.weighted(permit ? OUTCOMES_PERMIT : OUTCOMES_OTHER);
  if (outcome === 'refused') {
    return clip({
      submitted,
      accepted: null,
      supplement: null,
      decided: null,
      concluded: addWorkingDays(submitted, rng.between(0, 2)),
      delivered: null,
      outcome,
    });
  }
  const accepted = rng.chance(0.85) ? submitted : addWorkingDays(submitted, rng.between(1, 2));
  let supplement: { requested: number; supplied: number } | null = null;
  let clockStart = accepted;
  if (!inChain && permit && rng.chance(0.07)) {
    const requested = addWorkingDays(accepted, rng.between(1, 3));
    const supplied = nextWorkingDay(requested + rng.between(1, 14));
    supplement = { requested, supplied };
    clockStart = supplied;
  }
  const limit = spec.promised ?? spec.statutory;
  let decided: number;
  if (limit) {
    const [days, unit] = limit;
    const u = rng.float();
    let spent = Math.floor(days * u * u); // most cases finish well inside the limit
    if (!inChain) {
      const late = rng.float();
      if (late < 0.01 && spec.statutory) spent = spec.statutory[0] + rng.between(1, 10);
      else if (late < 0.05) spent = days + rng.between(1, Math.max(2, Math.ceil(days / 2)));
    }
    decided = advance(clockStart, spent, unit === 'w' ? 'working' : 'natural');
  } else {
    decided = addWorkingDays(clockStart, rng.between(0, 2));
  }
  if (outcome === 'withdrawn') {
    const concluded = accepted + rng.int(Math.max(1, decided - accepted + 1));
    return clip({
      submitted,
      accepted,
      supplement,
      decided: null,
      concluded: nextWorkingDay(concluded),
      delivered: null,
      outcome,
    });
  }
  const concluded = rng.chance(0.8) ? decided : addWorkingDays(decided, 1);
  const delivered = addWorkingDays(
    concluded,
    rng.weighted([
      [0, 50],
      [1, 25],
      [2, 15],
      [3, 10],
    ]),
  );
  return clip({ submitted, accepted, supplement, decided, concluded, delivered, outcome });
}

/** Forgets what had not happened by AS_OF. */
function clip(t: CaseTiming): CaseTiming {
  const by = (d: number | null): number | null => (d !== null && d <= AS_OF ? d : null);
  const concluded = by(t.concluded);
  return {
    submitted: t.submitted,
    accepted: by(t.accepted),
    supplement:
      t.supplement && t.supplement.requested <= AS_OF
        ? { requested: t.supplement.requested, supplied: by(t.supplement.supplied) }
        : null,
    decided: by(t.decided),
    concluded,
    delivered: by(t.delivered),
    outcome: concluded === null ? 'open' : t.outcome,
  };
}

/** Natural days between one step's conclusion and the next step's submission, per chain. */
const GAPS: Readonly<Record<ChainKey, readonly (readonly [number, number])[]>> = {
  companyStart: [
    [0, 3],
    [0, 5],
    [1, 10],
    [1, 10],
  ],
  restaurantStart: [
    [3, 20],
    [2, 20],
  ],
  pharmacyStart: [[5, 30]],
  birth: [
    [3, 25],
    [0, 10],
    [0, 10],
  ],
  marriage: [
    [2, 30],
    [5, 40],
  ],
  homePurchase: [
    [0, 3],
    [1, 20],
    [0, 5],
  ],
  retirement: [
    [1, 10],
    [1, 15],
  ],
  disability: [[3, 20]],
  veteran: [[5, 30]],
};

/** Days from the chain's trigger event to the first submission. */
const START: Readonly<Record<ChainKey, readonly [number, number]>> = {
  companyStart: [0, 0],
  restaurantStart: [0, 0],
  pharmacyStart: [0, 0],
  birth: [1, 5],
  marriage: [0, 0],
  homePurchase: [0, 0],
  retirement: [0, 10],
  disability: [0, 0],
  veteran: [3, 25],
};

/**
 * The dates of every step of one chain instance, from its trigger event (a birth, a founding, a
 * wedding day, …). Pure in (seed, chain, entity, event): the population (which needs the date a
 * certificate was issued) and the case history (which needs the case) compute the same answer.
 */
export function chainTimeline(seed: string, chain: ChainKey, entity: number, event: number): CaseTiming[] {
  const rng = createRandom(seed, 'chain', chain, entity);
  const steps = chainSpecs[chain].steps;
  const gaps = GAPS[chain];
  const [s0, s1] = START[chain];
  let submitted = nextWorkingDay(event + rng.between(s0, s1));
  const out: CaseTiming[] = [];
  for (const [k, key] of steps.entries()) {
    // The windows are sized so that every chain ends before AS_OF; should one not, its late steps are
    // submitted on AS_OF and open, rather than in the future.
    const timing = timeCase(rng, itemSpec(key), Math.min(submitted, AS_OF), true);
    out.push(timing);
    const gap = gaps[k] ?? [0, 0];
    const after = timing.concluded ?? AS_OF;
    submitted = nextWorkingDay(after + rng.between(gap[0], gap[1]));
  }
  return out;
}
