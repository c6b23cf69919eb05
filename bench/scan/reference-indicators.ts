/**
 * The technicalindicators package behind plain typed functions, for the benchmark and the equality tests.
 * The package declares its inputs as classes it does not export at run time; the plain objects it reads are
 * what it gets, hence the one rule switched off for this file.
 */
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- input classes are not exported at run time */
import { ADX, ATR, EMA, RSI, SD, SMA, VWAP } from 'technicalindicators';

export const refSma = (values: number[], period: number): number[] =>
  SMA.calculate({ period, values });
export const refEma = (values: number[], period: number): number[] =>
  EMA.calculate({ period, values });
export const refRsi = (values: number[], period: number): number[] =>
  RSI.calculate({ period, values });
export const refSd = (values: number[], period: number): number[] =>
  SD.calculate({ period, values });

export const refAtr = (high: number[], low: number[], close: number[], period: number): number[] =>
  ATR.calculate({ period, high, low, close });

export const refAdx = (
  high: number[],
  low: number[],
  close: number[],
  period: number,
): Array<{ adx: number; pdi: number; mdi: number }> => ADX.calculate({ period, high, low, close });

export const refVwap = (
  high: number[],
  low: number[],
  close: number[],
  volume: number[],
): number[] => VWAP.calculate({ high, low, close, volume });
