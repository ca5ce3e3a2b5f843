/** JMH benchmarks of the hot packet path, and the end-to-end load tool. */
package io.sluice.bench;
