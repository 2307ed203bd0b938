package io.ferry.server.web;

import io.ferry.server.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** Web settings of the console. */
@Configuration
class WebConfig {

  @Bean
  LocaleResolver localeResolver(UserRepository users) {
    return new UserLocaleResolver(users);
  }
}
