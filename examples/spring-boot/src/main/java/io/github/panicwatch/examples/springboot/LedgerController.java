package io.github.panicwatch.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two ways a request goes wrong. An exception that escapes a handler is no panic: Spring answers
 * 500 and the container logs it at ERROR, which Panicwatch keeps as a breadcrumb. A broken
 * invariant the service cannot live with is a panic: logged with the {@code FATAL} marker, it is
 * reported with the lines that led up to it.
 */
@RestController
class LedgerController {
  private static final Logger log = LoggerFactory.getLogger(LedgerController.class);
  private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

  @GetMapping("/orders/{id}")
  String order(@PathVariable long id, @RequestHeader(name = "Authorization", required = false) String authorization) {
    log.info("order {} requested, Authorization: {}", id, authorization);
    if (id <= 0) {
      throw new IllegalArgumentException("no order " + id);
    }
    return "order " + id;
  }

  @PostMapping("/ledger/check")
  ResponseEntity<String> check() {
    log.info("charging card 4111 1111 1111 1111 for the reconciliation fee");
    long expected = 1_250_000;
    long actual = 1_249_990;
    if (actual != expected) {
      log.error(FATAL, "ledger out of balance: expected {} cents, found {}", expected, actual,
          new IllegalStateException("balance mismatch in journal 2026-11 (api_key=sk_live_ledger42)"));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("ledger out of balance");
    }
    return ResponseEntity.ok("ledger balanced");
  }
}
