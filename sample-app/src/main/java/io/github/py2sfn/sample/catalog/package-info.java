/** The catalog-pricing workflow's tasks and the records they exchange. */
@NullMarked
package io.github.py2sfn.sample.catalog;

import org.jspecify.annotations.NullMarked;
