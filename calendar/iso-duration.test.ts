import { parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['PT10S', 10_000],
    ['PT0.5S', 500],
    ['PT0,25S', 250],
    ['PT1H30M', 5_400_000],
    ['PT90M', 5_400_000],
    ['P2D', 172_800_000],
    ['P1W', 604_800_000],
    ['P1W2D', 777_600_000],
    ['P1DT2H3M4.005S', 93_784_005],
    ['PT1.5H', 5_400_000],
    ['P0D', 0],
  ])('%s is %i ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    ['', /expected a form/],
    ['P', /no components/],
    ['PT', /no components/],
    ['P1DT', /a T must be followed/],
    ['10S', /expected a form/],
    ['PT10s', /expected a form/],
    ['-PT10S', /expected a form/],
    ['PT1.5H30M', /only the last component/],
    ['P1M', /years and months/],
    ['P1Y2D', /years and months/],
    ['P1D2W', /expected a form/],
    ['PT1S1M', /expected a form/],
    [`P${'9'.repeat(20)}D`, /too long/],
  ])('refuses %j', (text, why) => {
    expect(() => parseIsoDuration(text)).toThrow(why);
  });
});
