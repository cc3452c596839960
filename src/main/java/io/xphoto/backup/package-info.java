/**
 * {@code backup <file>} and {@code restore <file>}: an online, point-in-time consistent copy of an
 * installation (embedded database through PostgreSQL's low-level backup API, local objects, the generated
 * secrets) in one tar file, and its restoration into an empty data directory.
 */
package io.xphoto.backup;
