package io.sluice.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a benchmark class or one {@code @Benchmark} method from the allocation guard ({@code AllocationGuardTest},
 * which fails the build when a benchmark allocates 1 B/op or more). Only for benchmarks that measure something that
 * allocates by design (a JDK API that must allocate, a baseline showing what a copy would cost); never to silence a
 * hot-path regression. The reason is printed by the guard every time it skips the benchmark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllocationExempt {
    /** Why this benchmark allocates, for the reader of the guard's output. */
    String reason();
}
