// How a run behaves, as values: the caller (the CLI) maps its options and the controller's
// environment onto this; nothing in run/ reads the process itself.

/** What the controller's environment decides when a host's variables say nothing. */
export interface ControllerDefaults {
  /** The SSH login user when neither the inventory nor the play names one ($USER). */
  readonly user?: string;
  /** Host key checking when no host variable sets it (DECKHAND_/ANSIBLE_HOST_KEY_CHECKING). */
  readonly hostKeyChecking?: string;
}

export interface RunSettings {
  /** At most this many hosts run a task at once. */
  readonly forks: number;
  readonly check: boolean;
  readonly diff: boolean;
  /** ansible_verbosity; from 3 on, every command run on a host is emitted as an event. */
  readonly verbosity: number;
  readonly controller: ControllerDefaults;
}
