# Turns the files of a new cinema project (cli/skeleton/) into C: one entry
# {path, text} per file, for `marquee init` (cli/cmd_init.c). Run by the
# Makefile:
#   awk -f cli/skeleton.awk FILE... > build/cli/skeleton.c
function target(src) {
	sub(/^cli\/skeleton\//, "", src)
	if (src == "gitignore")
		return ".gitignore"
	sub(/^github\//, ".github/", src)
	return src
}
function flush() {
	if (current != "")
		printf "\t\t\"\" },\n"
}
BEGIN {
	print "/* Made by cli/skeleton.awk from cli/skeleton/: do not edit. */"
	print "#include \"cli/skeleton.h\""
	print ""
	print "const struct skeleton_file skeleton_files[] = {"
}
FNR == 1 {
	flush()
	current = FILENAME
	printf "\t{ \"%s\",\n", target(FILENAME)
}
{
	line = $0
	gsub(/\\/, "&&", line)
	gsub(/"/, "\\\"", line)
	gsub(/\t/, "\\t", line)
	gsub(/\?/, "\\?", line)  # no trigraphs in C17
	printf "\t\t\"%s\\n\"\n", line
}
END {
	flush()
	print "\t{ 0, 0 },"
	print "};"
}
