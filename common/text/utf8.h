/*
 * UTF-8: decoding one character, the one decoder the messages, the site's
 * file names, front matter and feeds share; and checking text that comes
 * from outside (imported files, API responses, restored records) before it
 * is stored or shown: it must decode as UTF-8 (no overlong form, no
 * surrogate, nothing above U+10FFFF) and hold no control character other
 * than tab, line feed and carriage return.
 */
#ifndef MARQUEE_UTF8_H
#define MARQUEE_UTF8_H

/*
 * The length (1 to 4) of the UTF-8 character that starts the NUL-terminated
 * s, its code point in *cp; 0 at the end of s or when s does not start a
 * valid character (a stray byte, a cut sequence, an overlong form, a
 * surrogate, above U+10FFFF).
 */
int utf8_decode(const char *s, unsigned *cp);

/* Room for utf8_check's reason. */
#define UTF8_WHY 48

/*
 * 0 when s is such text; else -1 and why (may be NULL) says what is wrong,
 * for a message: "not UTF-8 text" or "a control character (U+0007)".
 */
int utf8_check(const char *s, char why[UTF8_WHY]);

#endif
