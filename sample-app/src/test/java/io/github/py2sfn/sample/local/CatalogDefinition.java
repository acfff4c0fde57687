package io.github.py2sfn.sample.local;

/**
 * The sample's two definitions of the catalog-pricing workflow: the same states, tasks and task
 * events, written in each query language of Step Functions.
 */
public enum CatalogDefinition {

  /** {@code catalog-pricing.asl.json}: JSONPath, the list's pointer merged in with ResultPath. */
  JSONPATH("statemachine/catalog-pricing.asl.json", "catalog-pricing"),

  /**
   * {@code catalog-pricing.jsonata.asl.json}: JSONata, the list's pointer carried in the workflow
   * variable {@code $products}.
   */
  JSONATA("statemachine/catalog-pricing.jsonata.asl.json", "catalog-pricing-jsonata");

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
