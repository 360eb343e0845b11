/**
 * The instant of a new moon, after Jean Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49.
 * Good to well under a minute for this century — enough to tell which side of Beijing
 * midnight a new moon falls on, which is all the lunar calendar needs.
 */

const RAD = Math.PI / 180;
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_JD = 2_440_587.5;
const SYNODIC_MONTH = 29.530588861;
const NEW_MOON_2000_JDE = 2_451_550.09766;

/** Periodic terms for the new moon: coefficient, then multiples of M, M′, F, Ω and the power of E. */
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 1, 0, 0, 0], [0.17241, 1, 0, 0, 0, 1], [0.01608, 0, 2, 0, 0, 0],
  [0.01039, 0, 0, 2, 0, 0], [0.00739, -1, 1, 0, 0, 1], [-0.00514, 1, 1, 0, 0, 1],
  [0.00208, 2, 0, 0, 0, 2], [-0.00111, 0, 1, -2, 0, 0], [-0.00057, 0, 1, 2, 0, 0],
  [0.00056, 1, 2, 0, 0, 1], [-0.00042, 0, 3, 0, 0, 0], [0.00042, 1, 0, 2, 0, 1],
  [0.00038, 1, 0, -2, 0, 1], [-0.00024, -1, 2, 0, 0, 1], [-0.00017, 0, 0, 0, 1, 0],
  [-0.00007, 2, 1, 0, 0, 0], [0.00004, 0, 2, -2, 0, 0], [0.00004, 3, 0, 0, 0, 0],
  [0.00003, 1, 1, -2, 0, 0], [0.00003, 0, 2, 2, 0, 0], [-0.00003, 1, 1, 2, 0, 0],
  [0.00003, -1, 1, 2, 0, 0], [-0.00002, -1, 1, -2, 0, 0], [-0.00002, 1, 3, 0, 0, 0],
  [0.00002, 0, 4, 0, 0, 0],
];

/** Planetary arguments shared by all phases: constant, rate per lunation, coefficient. */
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [299.77, 0.107408, 0.000325], [251.88, 0.016321, 0.000165], [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126], [84.66, 18.206239, 0.00011], [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006], [154.84, 7.30686, 0.000056], [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042], [291.34, 1.844379, 0.00004], [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035], [331.55, 3.592518, 0.000023],
];

/** Julian Ephemeris Day of new moon number k, counted from the one of 2000-01-06. */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const sunAnomaly = (2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3) * RAD;
  const moonAnomaly = (201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4) * RAD;
  const latitudeArg = (160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4) * RAD;
  const node = (124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3) * RAD;

  let jde = NEW_MOON_2000_JDE + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  for (const [coefficient, m, mPrime, f, omega, ePower] of NEW_MOON_TERMS) {
    jde += coefficient * e ** ePower * Math.sin(m * sunAnomaly + mPrime * moonAnomaly + f * latitudeArg + omega * node);
  }
  PLANETARY_TERMS.forEach(([constant, rate, coefficient], i) => {
    const argument = constant + rate * k - (i === 0 ? 0.009173 * t ** 2 : 0);
    jde += coefficient * Math.sin(argument * RAD);
  });
  return jde;
}

/** The new moon nearest to an instant, as an instant (UT). */
export function nearestNewMoon(instant: Date): Date {
  const jd = instant.getTime() / MS_PER_DAY + UNIX_EPOCH_JD;
  const k = Math.round((jd - NEW_MOON_2000_JDE) / SYNODIC_MONTH);
  const jde = newMoonJde(k);
  return new Date((jde - UNIX_EPOCH_JD) * MS_PER_DAY - deltaTSeconds(jde) * 1000);
}

/**
 * Terrestrial minus Universal Time, Espenak & Meeus's fit for 2005–2050, used for the whole
 * century: beyond 2050 published extrapolations already disagree by a minute or more.
 */
function deltaTSeconds(jde: number): number {
  const years = (jde - NEW_MOON_2000_JDE) / 365.25;
  return 62.92 + 0.32217 * years + 0.005589 * years ** 2;
}
