package io.github.py2sfn.sample.local;

/**
 * The sample's definitions of the catalog-pricing workflow: the same states, tasks and task events,
 * written in each query language of Step Functions, and the Distributed Map variant.
 */
public enum CatalogDefinition {

  /** {@code catalog-pricing.asl.json}: JSONPath, the list's pointer merged in with ResultPath. */
  JSONPATH("statemachine/catalog-pricing.asl.json", "catalog-pricing"),

  /**
   * {@code catalog-pricing.jsonata.asl.json}: JSONata, the list's pointer carried in the workflow
   * variable {@code $products}.
   */
  JSONATA("statemachine/catalog-pricing.jsonata.asl.json", "catalog-pricing-jsonata"),

  /**
   * {@code catalog-pricing-distributed.asl.json}: JSONPath, the catalog stored with {@code
   * putAllForDistributedMap} and priced by a Distributed Map that reads its JSON Lines object, in
   * batches.
   */
  DISTRIBUTED("statemachine/catalog-pricing-distributed.asl.json", "catalog-pricing-distributed");

  private final String resource;
  private final String stateMachineName;

  CatalogDefinition(String resource, String stateMachineName) {
    this.resource = resource;
    this.stateMachineName = stateMachineName;
  }

  /** The ASL file on the classpath, as template.yaml deploys it. */
  public String resource() {
    return resource;
  }

  /** The state machine's name; template.yaml deploys it as {@code <stack name>-<this name>}. */
  public String stateMachineName() {
    return stateMachineName;
  }
}
