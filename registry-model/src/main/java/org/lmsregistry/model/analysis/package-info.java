/**
 * The analysis jobs of the registry and the parameters each takes: one vocabulary for the web
 * pages and REST API that request runs (registry-web) and the Spark jobs that run them
 * (spark-jobs' commands of the same names; a spark-jobs test checks that their options agree).
 */
package org.lmsregistry.model.analysis;
