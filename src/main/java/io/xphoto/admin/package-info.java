/**
 * The admin API under {@code /admin/} (issue 16): accounts found, disabled, enabled, signed out and given a role,
 * and the audit log, for accounts with the forum's admin role, signed in with a Bearer token or a forum session.
 * Mounted on the xphoto surface's router, its errors in the xphoto body ({@code {"error": ...}}) whichever way
 * the caller signed in.
 */
package io.xphoto.admin;
