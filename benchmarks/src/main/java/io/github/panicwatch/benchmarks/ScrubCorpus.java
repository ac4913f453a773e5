package io.github.panicwatch.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Realistic log text for the scrubbing suite: lines as services write them, without secrets
 * ({@code clean}), or with a secret in every other line ({@code secrets}): passwords, tokens, API
 * keys, credentials in URLs, IPv4 and IPv6 addresses. ASCII, so characters and bytes are the same.
 */
public final class ScrubCorpus {
  private static final String[] CLEAN = {
    "order A-20481 for customer c-7731 reserved in 1234 ms",
    "GET /v1/orders/A-20481?page=2&size=50 200 OK in 17 ms",
    "Started OrderService v2.4.1 in 3.482 seconds (process running for 4.1)",
    "HikariPool-1 - Connection org.postgresql.jdbc.PgConnection@5b2f7c1d added to pool",
    "Processing batch 7f3c9a1e-52b4-4d8e-9c1a-0b6f2e8d4a73: 250 records, 3 skipped",
    "cache stats: hits=98213 misses=1204 evictions=57 hitRatio=0.988",
    "Scheduled task com.example.orders.ReconcileJob finished at 2025-11-23T12:30:45.123Z",
    "Kafka consumer group orders-v2 rebalanced: partitions [orders-0, orders-3, orders-7]",
    "user c-7731 updated shipping address for order A-20481",
    "password reset email sent to customer c-7731 (template reset-v3)",
  };

  private static final String[] SECRET = {
    "login failed for user bob password=hunter2 from 10.1.2.3",
    "POST /oauth/token?grant_type=client_credentials&client_secret=s3cr3t-Val&scope=read 200",
    "connecting to jdbc:postgresql://orders:pg-Pass-1@db.internal:5432/orders",
    "request headers: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2ln",
    "{\"api_key\":\"AKIA1234567890ABCDEF\",\"region\":\"eu-west-1\",\"retries\":3}",
    "client 2001:db8::8a2e:370:7334 connected via proxy 192.168.10.20:8080",
    "starting worker --access-token ghp_abcdef1234567890 --threads 4",
    "User{id=42, name=bob, passwd=qwerty123, role=admin}",
    "MYSQL_PWD=rootpw mysqldump orders > /backup/orders.sql",
    "payment failed: card[number]=4111111111111111 stripeToken=tok_visa_123",
    "refund to DE89 3704 0044 0532 0130 00 for order A-20481 rejected by upstream",
    "stripe call failed with sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ12 after 3 retries",
    "npm publish failed: npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78 lacks the scope",
    "posting to https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/abcdEFGHijklMNOPqrstUVwx timed out",
  };

  private ScrubCorpus() {}

  /** The named corpus: {@code clean} or {@code secrets}; 200 lines either way. */
  public static List<String> lines(String name) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean secret = "secrets".equals(name) && i % 2 == 1;
      String[] source = secret ? SECRET : CLEAN;
      lines.add(source[(i / 2) % source.length]);
    }
    if (!"clean".equals(name) && !"secrets".equals(name)) {
      throw new IllegalArgumentException("unknown corpus [" + name + "]");
    }
    return lines;
  }

  /** Bytes (= characters) per pass over the named corpus, for MB/s. */
  public static long bytes(String name) {
    return lines(name).stream().mapToLong(String::length).sum();
  }

  /** The secrets in {@code secrets}, none of which may survive scrubbing. */
  static final List<String> SECRET_VALUES =
      List.of(
          "hunter2", "10.1.2.3", "s3cr3t-Val", "pg-Pass-1", "eyJhbGciOiJIUzI1NiJ9", "AKIA1234567890ABCDEF",
          "2001:db8::8a2e:370:7334", "192.168.10.20", "ghp_abcdef1234567890", "qwerty123", "rootpw",
          "4111111111111111", "tok_visa_123", "3704 0044", "sk_live_4eC39", "npm_Ab12Cd34", "B0EF45GH6/abcd");
}
