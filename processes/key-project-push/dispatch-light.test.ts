import { dispatchLight, expectedPercent, shouldInterview } from './dispatch-light';

const defaults = { behindYellow: 10, behindRed: 30 };

describe('the dispatch light against 序时进度', () => {
  test.each([
    [9.9, 'green'], [10, 'yellow'], [30, 'yellow'], [30.1, 'red'], [-5, 'green'],
  ])('%d points behind is %s', (behind, light) => {
    expect(dispatchLight(behind, defaults)).toBe(light);
  });

  test('points are compared at one decimal, however the division falls', () => {
    // 50 % expected, 238.8 of 1,200 done: 50 − 19.900000000000002 = 30.099999999999998 points behind.
    expect(dispatchLight(expectedPercent(6) - (238.8 / 1200) * 100, defaults)).toBe('red');
    expect(dispatchLight(expectedPercent(6) - (480 / 1200) * 100, defaults)).toBe('yellow');
  });

  test("a tier's own thresholds", () => {
    expect(dispatchLight(15, { behindYellow: 20, behindRed: 40 })).toBe('green');
    expect(dispatchLight(45, { behindYellow: 20, behindRed: 40 })).toBe('red');
  });

  test('约谈: one red, or two yellows in a row', () => {
    expect(shouldInterview('red', undefined)).toBe(true);
    expect(shouldInterview('yellow', 'green')).toBe(false);
    expect(shouldInterview('yellow', 'yellow')).toBe(true);
    expect(shouldInterview('green', 'red')).toBe(false);
  });
});
