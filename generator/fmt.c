/* Number formatting with a fixed decimal point and fixed grouping. */
#include "generator/fmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fmt_number(char *out, size_t size, double x)
{
	if (!isfinite(x)) {
		snprintf(out, size, "%s", isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(out, size, "%lld", (long long)x);
		return;
	}
	/* printf uses the C locale here: marquee never calls setlocale. */
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(out, size, "%.*g", precision, x);
		if (strtod(out, NULL) == x)
			return;
	}
}

void fmt_grouped(char *out, size_t size, double x, int decimals, const char *lang)
{
	char digits[64];
	int fr = lang && strcmp(lang, "fr") == 0;
	const char *group = fr ? "\xe2\x80\xaf" : ",";
	const char point = fr ? ',' : '.';
	if (!isfinite(x) || fabs(x) >= 1e18) {
		fmt_number(out, size, x);
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(digits, sizeof digits, "%.*f", decimals, x);
	const char *s = digits;
	char result[128];
	size_t n = 0;
	if (*s == '-') {
		/* "-0" after rounding reads as 0 */
		if (strspn(s + 1, "0.") != strlen(s + 1))
			result[n++] = '-';
		s++;
	}
	size_t int_len = strcspn(s, ".");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0) {
			size_t gl = strlen(group);
			memcpy(result + n, group, gl);
			n += gl;
		}
		result[n++] = s[i];
	}
	if (s[int_len] == '.') {
		result[n++] = point;
		size_t rest = strlen(s + int_len + 1);
		memcpy(result + n, s + int_len + 1, rest);
		n += rest;
	}
	result[n] = '\0';
	snprintf(out, size, "%s", result);
}

void fmt_compact(char *out, size_t size, double x, int decimals, const char *lang)
{
	double a = fabs(x);
	const char *suffix = "";
	double v = x;
	bool fr = lang && strcmp(lang, "fr") == 0;
	if (a >= 1e9) {
		v = x / 1e9;
		suffix = fr ? "Md" : "B"; /* milliards, billions */
	} else if (a >= 1e6) {
		v = x / 1e6;
		suffix = "M";
	} else if (a >= 1e3) {
		v = x / 1e3;
		suffix = "k";
	}
	if (decimals < 0) {
		/* one decimal at most, and none when it is zero */
		double r = round(v * 10) / 10;
		decimals = r == floor(r) ? 0 : 1;
	}
	char num[64];
	fmt_grouped(num, sizeof num, v, decimals, lang);
	/* French sets a unit apart: "1,5 M" with a narrow no-break space */
	snprintf(out, size, "%s%s%s", num, fr && *suffix ? "\xe2\x80\xaf" : "", suffix);
}

int fmt_decimals_for(double step)
{
	for (int d = 0; d < 6; d++) {
		double scaled = fabs(step) * pow(10, d);
		if (fabs(scaled - round(scaled)) < 1e-6 * (scaled > 1 ? scaled : 1))
			return d;
	}
	return 6;
}