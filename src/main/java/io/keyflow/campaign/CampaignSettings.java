package io.keyflow.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code keyflow.campaign.*}: how a campaign runs. When a sweep starts a campaign is rotation's and
 * destruction's to say ({@code keyflow.rotation.campaign-threshold}, {@code
 * keyflow.destruction.campaign-threshold}). A value out of range stops start-up with Spring Boot's
 * report naming the property. The BPMN reads these through {@link CampaignExpressions}.
 *
 * @param batchSize how many per-key instances one job of a campaign starts (each batch is its own
 *     transaction), 1 to 5000
 * @param progressInterval how often the campaign's progress timer looks at its per-key instances
 */
@Validated
@ConfigurationProperties("keyflow.campaign")
public record CampaignSettings(
    @DefaultValue("200")
        @Min(value = 1, message = "must be between 1 and 5000")
        @Max(value = 5000, message = "must be between 1 and 5000")
        int batchSize,
    @DefaultValue("PT30S")
        @DurationMin(nanos = 0, inclusive = false, message = "must be positive, e.g. PT30S")
        Duration progressInterval) {}
