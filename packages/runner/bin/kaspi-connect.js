#!/usr/bin/env node
// Committed entry for the `kaspi-connect` bin: it exists before a build, so installing the
// workspace links it without warnings; the CLI itself is the built dist/cli.js.
import '../dist/cli.js';
