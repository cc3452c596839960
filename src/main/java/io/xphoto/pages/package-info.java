/**
 * The few pages the server renders itself, for links opened from its mails (activation, password reset, email
 * confirmation): plain UTF-8 HTML, no script, everything put into them escaped. Uses no surface.
 */
package io.xphoto.pages;
