/** Helpers shared by the library's packages; not API, may change without notice. */
@NullMarked
package io.github.py2sfn.tasktools.internal;

import org.jspecify.annotations.NullMarked;
