// Modules that run on the controller: they read or steer the engine, never a host.
import type { AnyModule } from '../types.js';
import { assert } from './assert.js';
import { debug } from './debug.js';
import { fail } from './fail.js';
import { meta } from './meta.js';
import { mqttRoundtrip } from './mqtt-roundtrip.js';
import { pause } from './pause.js';
import { setFact } from './set-fact.js';

export const controllerModules: readonly AnyModule[] = [debug, fail, assert, setFact, pause, meta, mqttRoundtrip];
