/** Thrown by buyer-side calls the marketplace would refuse (offer not published, etc.). */
export class SimulatorRefusal extends Error {
  override name = 'SimulatorRefusal';
}

/** A request Kaspi refuses: the status and Kaspi's verbatim error title. */
export class HttpRefusal extends Error {
  /** `title` is sent as the JSON:API error's title. */
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}
