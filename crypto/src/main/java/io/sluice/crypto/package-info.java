/** AES for packets, key derivation and secret resolution. Knows no flows. */
package io.sluice.crypto;
