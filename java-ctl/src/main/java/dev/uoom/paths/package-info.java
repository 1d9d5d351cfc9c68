/** Path constants for kernel files, with a configurable root so tests can use fixture trees. */
package dev.uoom.paths;
