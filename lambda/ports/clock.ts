/** The only way the app layer learns the time; the domain takes `now` as an argument. */
export interface Clock {
  now(): Date;
}
