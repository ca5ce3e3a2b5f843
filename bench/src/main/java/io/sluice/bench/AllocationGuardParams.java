package io.sluice.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code @Param} values the allocation guard runs a benchmark class with, e.g.
 * {@code @AllocationGuardParams({"outputs=1,50", "payloadBytes=1316"})}, overriding its default (every combination
 * when there are at most three, else the last declared value of each parameter, usually the largest case).
 * Keeps the guard's total time bounded while still covering the case most likely to allocate.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllocationGuardParams {
    /** Entries {@code name=value[,value...]}. */
    String[] value();
}
