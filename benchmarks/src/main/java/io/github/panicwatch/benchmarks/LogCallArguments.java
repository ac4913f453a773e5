package io.github.panicwatch.benchmarks;

/**
 * What every log-call benchmark logs: {@code log.info(TEMPLATE, orderId, customer, millis)}, the
 * arguments made before the call, as in real code. Each benchmark's per-thread state extends this
 * and sets its framework's thread context.
 */
public abstract class LogCallArguments {
  static final String TEMPLATE = "order {} for customer {} reserved in {} ms";

  /** A request's thread context as a filter would set it; benchmarks put the first 0 to 3 entries. */
  static final String[][] REQUEST_CONTEXT = {
    {"requestId", "7f3c9a1e-52b4-4d8e-9c1a-0b6f2e8d4a73"}, {"tenant", "acme"}, {"route", "/v1/orders"}
  };

  final Object orderId = "A-20481";
  final Object customer = "c-7731";
  final Object millis = Integer.valueOf(1234);
}
