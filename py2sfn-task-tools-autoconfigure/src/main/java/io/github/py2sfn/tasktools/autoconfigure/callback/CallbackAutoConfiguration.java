package io.github.py2sfn.tasktools.autoconfigure.callback;

import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.callback.SfnTaskCallbacks;
import io.github.py2sfn.tasktools.callback.TaskCallbacks;
import io.github.py2sfn.tasktools.state.StateDataClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link TaskCallbacks} on the Step Functions client: outputs written with the application's
 * JSON mapper, and those over SendTaskSuccess's limit stored through the application's {@link
 * StateDataClient} (refused when state data is disabled). Define a {@code TaskCallbacks} bean to
 * replace it, e.g. {@code new SfnTaskCallbacks(sfn)} to refuse outputs over the limit.
 */
@AutoConfiguration(
    after = {AwsClientsAutoConfiguration.class, StateDataAutoConfiguration.class},
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({SfnTaskCallbacks.class, SfnClient.class})
public class CallbackAutoConfiguration {

  // The Step Functions client (lazy, like the stopper's) is built on the first callback, not when
  // a bean that may send one is created: cold start.
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SfnClient.class)
  TaskCallbacks taskCallbacks(
      @Lazy SfnClient sfn,
      ObjectProvider<JsonMapper> jsonMapper,
      ObjectProvider<StateDataClient> stateData) {
    return new SfnTaskCallbacks(
        sfn, jsonMapper.getIfAvailable(JsonMapper::new), stateData::getIfAvailable);
  }
}
