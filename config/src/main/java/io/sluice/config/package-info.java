/** The CreateFlow document: immutable records, JSON in both spellings, validation. No Netty, no threads. */
package io.sluice.config;
