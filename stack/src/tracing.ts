// Imported first by main.ts: tracing (when the OTLP variables ask for it) must patch http before anything uses it.
import { startTracing } from '@trading/platform/tracing';

startTracing('trading');
