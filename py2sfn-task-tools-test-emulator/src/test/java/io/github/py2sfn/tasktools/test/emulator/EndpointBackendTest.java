package io.github.py2sfn.tasktools.test.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

@AwsEmulatorTest
class EndpointBackendTest {

  @Test
  void endpointBackendUsesAnyEndpointAndAsksStsForTheAccount(AwsEmulator shared) {
    // The shared emulator started before: the property now only affects the backend created below.
    System.setProperty("py2sfn.test.aws.endpoint", shared.endpoint().toString());
    try (DefaultAwsEmulator endpoint = AwsEmulators.create("endpoint")) {
      assertThat(endpoint.backendName()).isEqualTo("endpoint");
      assertThat(endpoint.endpoint()).isEqualTo(shared.endpoint());
      assertThat(endpoint.region()).isEqualTo(Region.US_EAST_1);
      assertThat(endpoint.accountId()).isEqualTo("123456789012");
      String tableName = endpoint.createStateDataTable();
      assertThat(shared.dynamoDbClient().listTables().tableNames()).contains(tableName);
    } finally {
      System.clearProperty("py2sfn.test.aws.endpoint");
    }
  }

  @Test
  void unknownBackendIsRejectedByName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AwsEmulators.create("azure"))
        .withMessageContaining("'azure'");
  }
}
