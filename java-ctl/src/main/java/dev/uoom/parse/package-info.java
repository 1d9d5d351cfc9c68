/**
 * Pure parsers for the text of kernel files. They take strings and do no I/O, so they are tested against
 * fixture files alone.
 */
package dev.uoom.parse;
