import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import {
  announceListening,
  exitWhenSupervisorDies,
  JsonLogger,
  startTracing,
  tracingOptionsOf,
} from '@civitas/observability';
import { createGatewayApp } from './app.factory.js';
import { GatewayConfig } from './config/gateway.config.js';
import { SupergraphMissingError } from './graph/supergraph.js';
import { MetricsEndpoint } from './health/metrics-endpoint.js';

const config = loadConfigOrExit(GatewayConfig, 'gateway');
startTracing(tracingOptionsOf('gateway', config));
try {
  const app = await createGatewayApp(config);
  await app.listen(config.PORT, config.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  announceListening('gateway', `http://${config.HOST}:${port}/graphql`);
  const metricsUrl = app.get(MetricsEndpoint).url;
  if (metricsUrl) {
    announceListening('gateway', metricsUrl, 'metrics');
  }
  const logger = new JsonLogger('gateway');
  exitWhenSupervisorDies(
    config.SUPERVISOR_PID,
    () => app.close(),
    (m) => logger.warn(m),
  );
} catch (error) {
  if (error instanceof SupergraphMissingError) {
    process.stderr.write(`gateway: refusing to start. ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
