/** Immutable values describing the uoom module's state; no I/O and no dependencies. */
package dev.uoom.model;
