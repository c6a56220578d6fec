/*
 * The files of a new cinema project, as `marquee init` writes them: built
 * into the program from cli/skeleton/ by cli/skeleton.awk, so that any copy of the program can make a project.
 * Texts may hold @NAME@, @LANG@, @DIR@, @REPO@ and @REF@, filled by init.
 */
#ifndef MARQUEE_SKELETON_H
#define MARQUEE_SKELETON_H

struct skeleton_file {
	const char *path; /* relative to the project: ".github/workflows/weekly.yml" */
	const char *text; /* static */
};

/* Every file, ending with {NULL, NULL}. */
extern const struct skeleton_file skeleton_files[];

#endif
