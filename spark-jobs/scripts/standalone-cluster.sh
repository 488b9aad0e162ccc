#!/usr/bin/env bash
# Starts a standalone Spark cluster (one master, one worker) on the loopback interface, submits a
# spark-jobs job to it with spark-submit's main class, prints the job's output and stops the cluster.
#
# No Spark distribution is needed (none can be downloaded here): a stand-in SPARK_HOME is built from
# the Spark jars Maven resolves from Central (jars/ + RELEASE). The job runs from the cluster jar
# (Spark provided), built if missing.
#
#   spark-jobs/scripts/standalone-cluster.sh                         # generate + describe on the cluster
#   spark-jobs/scripts/standalone-cluster.sh describe --source S --out O   # any job and options
#
# Environment: JAVA_HOME (a JDK 17), SPARK_HOME (default spark-jobs/target/spark-home), MASTER_PORT
# (7077), WORKER_CORES (2), WORKER_MEMORY (2g), WORK (a scratch folder, default spark-jobs/target/standalone).
set -euo pipefail

JOBS_DIR=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$JOBS_DIR/.." && pwd)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export SPARK_HOME=${SPARK_HOME:-$JOBS_DIR/target/spark-home}
export SPARK_SCALA_VERSION=2.13
MASTER_PORT=${MASTER_PORT:-7077}
WORKER_CORES=${WORKER_CORES:-2}
WORKER_MEMORY=${WORKER_MEMORY:-2g}
WORK=${WORK:-$JOBS_DIR/target/standalone}
APP_JAR=$JOBS_DIR/target/lms-spark-jobs-cluster.jar
MASTER_URL=spark://127.0.0.1:$MASTER_PORT

# the JVM flags spark-submit adds on JDK 17 (spark-launcher's JavaModuleOptions)
FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

if [ ! -f "$SPARK_HOME/RELEASE" ]; then
  echo "building a stand-in SPARK_HOME in $SPARK_HOME from Maven Central jars"
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl spark-jobs -am dependency:copy-dependencies \
    -DincludeScope=runtime -DexcludeGroupIds=org.lmsregistry -DoutputDirectory="$SPARK_HOME/jars"
  echo "Spark $(ls "$SPARK_HOME"/jars/spark-core_*.jar | sed 's/.*_2.13-\(.*\)\.jar/\1/') (stand-in from Maven Central)" \
    > "$SPARK_HOME/RELEASE"
fi
if [ ! -f "$APP_JAR" ]; then
  echo "building $APP_JAR"
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -Pcluster -pl spark-jobs -am package -DskipTests
fi

mkdir -p "$WORK/logs" "$WORK/worker"
PIDS=()
stop() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT

"$JAVA" "${FLAGS[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port 0 > "$WORK/logs/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "I have been elected leader" "$WORK/logs/master.log" && break; sleep 1; done
grep -q "I have been elected leader" "$WORK/logs/master.log" || { echo "master did not start"; cat "$WORK/logs/master.log"; exit 1; }

"$JAVA" "${FLAGS[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port 0 --work-dir "$WORK/worker" \
  "$MASTER_URL" > "$WORK/logs/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$WORK/logs/worker.log" && break; sleep 1; done
grep -q "Successfully registered with master" "$WORK/logs/worker.log" || { echo "worker did not register"; cat "$WORK/logs/worker.log"; exit 1; }
echo "standalone cluster up: $MASTER_URL (logs in $WORK/logs)"

submit() {
  # client mode: the driver runs in this JVM, with the jobs' quiet logging configuration
  "$JAVA" "${FLAGS[@]}" -Dlog4j2.configurationFile="$JOBS_DIR/src/main/resources/log4j2.properties" \
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client --class org.lmsregistry.analysis.cli.SparkJobsCommand \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=1g --conf spark.sql.shuffle.partitions=8 \
    "$APP_JAR" "$@"
}

if [ $# -gt 0 ]; then
  submit "$@"
else
  rm -rf "$WORK/snapshot" "$WORK/describe"
  submit generate --patients 2000 --seed 7 --parquet-out "$WORK/snapshot"
  submit describe --source "$WORK/snapshot" --out "$WORK/describe"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('result.json: spark master', d['provenance']['spark']['master'], ', checksum', d['provenance']['snapshotChecksum'][:16], '...')" "$WORK/describe/result.json" 2>/dev/null || true
fi
