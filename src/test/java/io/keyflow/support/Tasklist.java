package io.keyflow.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda 7 Tasklist as one person sees it in their browser: log in, start a process from its start
 * form, open, claim and complete a task, read the notifications.
 *
 * <p>Selectors follow Tasklist's AngularJS templates ({@code ng-model}, {@code ng-click}) and the
 * component ids of Keyflow's Camunda Forms, which form-js renders as {@code
 * fjs-form-<random>-<id>}. Every wait is bounded.
 */
public final class Tasklist {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** How often a task list that has not yet shown a task is reloaded (it refreshes only slowly). */
  private static final Duration RELOAD_EVERY = Duration.ofSeconds(3);

  private static final String START_DIALOG = ".modal-content";
  private static final String TASK = "[cam-tasklist-task]";
  private static final By NOTIFICATIONS = By.cssSelector(".notifications .alert");
  private static final By ERRORS = By.cssSelector(".notifications .alert-danger");
  private static final By NO_TASK = By.cssSelector(TASK + " .no-task");
  private static final By COMPLETE = By.cssSelector(TASK + " button[ng-click='complete()']");

  private final Chromium browser;
  private final WebDriver driver;
  private final String url;

  private Tasklist(Chromium browser, String baseUrl) {
    this.browser = browser;
    this.driver = browser.driver();
    this.url = baseUrl + "/camunda/app/tasklist/";
  }

  /** Opens Tasklist on {@code baseUrl} (e.g. {@code http://localhost:8080}) and logs in. */
  public static Tasklist logIn(Chromium browser, String baseUrl, String user, String password) {
    Tasklist tasklist = new Tasklist(browser, baseUrl);
    tasklist.driver.get(tasklist.url);
    By username = By.cssSelector("input[ng-model='username']");
    tasklist
        .waitFor("the login form is shown")
        .until(ExpectedConditions.elementToBeClickable(username))
        .sendKeys(user);
    tasklist.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    tasklist.driver.findElement(By.cssSelector("button[type='submit']")).click();
    tasklist
        .waitFor(user + " is logged in to Tasklist")
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".start-process-action a")));
    return tasklist;
  }

  /** "Start process" → the named process: its start form, ready to fill in. */
  public Form startProcess(String processName) {
    click(By.cssSelector(".start-process-action a"));
    // The list pages and scrolls once there are more processes than fit: filter it to the one
    // asked for, so the click never lands on a row that moves while the list renders.
    waitFor("the start dialog's search field is shown")
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[ng-model='page.searchValue']")))
        .sendKeys(processName);
    click(
        By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='" + processName + "']"));
    Form form = new Form(START_DIALOG);
    waitFor("the start form of " + processName + " is shown")
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(START_DIALOG + " form.fjs-form")));
    return form;
  }

  /** Presses "Start" in the start dialog and waits until Tasklist confirms or refuses. */
  public String submitStartForm() {
    click(By.cssSelector(START_DIALOG + " button[ng-click='startProcessInstance()']"));
    return notificationContaining("process");
  }

  /** Shows the task list afresh, with no task selected, as after coming back to Tasklist. */
  public void openTaskList() {
    driver.get(url);
    waitFor("the task list is shown")
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".start-process-action a")));
  }

  /**
   * Opens the task with this name whose form shows {@code value} in the field {@code componentId}
   * (as a person looks through the list for their request), reloading the list until it shows.
   */
  public Form openTask(String taskName, String componentId, String value) {
    By links =
        By.xpath(
            "//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[normalize-space()='"
                + taskName
                + "']");
    long[] lastReload = {System.nanoTime()};
    return waitFor(
            "a task '"
                + taskName
                + "' whose "
                + componentId
                + " is '"
                + value
                + "' is in the task list")
        .until(
            d -> {
              List<String> hrefs =
                  d.findElements(links).stream().map(link -> link.getDomAttribute("href")).toList();
              for (String href : hrefs) {
                Form form = openTaskAt(href, taskName);
                if (value.equals(form.value(componentId))) {
                  return form;
                }
              }
              if (System.nanoTime() - lastReload[0] > RELOAD_EVERY.toNanos()) {
                d.navigate().refresh();
                lastReload[0] = System.nanoTime();
              }
              return null;
            });
  }

  private Form openTaskAt(String href, String taskName) {
    List<WebElement> previous = driver.findElements(By.cssSelector(TASK + " form.fjs-form"));
    String taskParameter = href.substring(href.indexOf('?') + 1);
    if (driver.getCurrentUrl().contains(taskParameter) && !previous.isEmpty()) {
      return new Form(TASK); // already open, e.g. after a reload
    }
    click(By.cssSelector("ol.tasks-list h4.task a[href='" + href + "']"));
    if (!previous.isEmpty()) {
      // Tasklist renders a new form for the chosen task; reading before that would read the old
      // one.
      waitFor("the previous task's form is replaced")
          .until(ExpectedConditions.stalenessOf(previous.get(0)));
    }
    waitFor("the form of '" + taskName + "' is shown")
        .until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(TASK + " form.fjs-form")));
    return new Form(TASK);
  }

  /** Claims the open task unless it is already assigned. */
  public void claim() {
    By claim = By.cssSelector(TASK + " button.claim");
    if (driver.findElements(claim).stream().anyMatch(WebElement::isDisplayed)) {
      click(claim);
      // Only the assignee sees "Unclaim"; Tasklist shows no notification for a successful claim.
      waitFor("the task is claimed")
          .until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector(TASK + " button.unclaim")));
    }
  }

  /** Presses "Complete" on the open task and waits until Tasklist has closed it. */
  public void complete() {
    submitTask()
        .ifPresent(
            error -> {
              throw new AssertionError("Tasklist did not complete the task: " + error);
            });
  }

  /** Presses "Complete" on the open task, expecting a refusal: returns the error Tasklist shows. */
  public String completeExpectingRefusal() {
    return submitTask()
        .orElseThrow(
            () ->
                new AssertionError("Tasklist completed the task, but it should have been refused"));
  }

  /**
   * The error notification Tasklist shows, or empty once it closed the task (it shows no success
   * notification).
   */
  private Optional<String> submitTask() {
    click(COMPLETE);
    return waitFor(
            () -> "Tasklist closes the task or shows an error; notifications: " + notifications())
        .until(
            d -> {
              List<WebElement> errors = d.findElements(ERRORS);
              if (!errors.isEmpty()) {
                return Optional.of(errors.get(0).getText());
              }
              boolean closed = d.findElements(NO_TASK).stream().anyMatch(WebElement::isDisplayed);
              return closed ? Optional.<String>empty() : null;
            });
  }

  /** Waits until a notification containing the text is shown and returns its whole text. */
  public String notificationContaining(String text) {
    return waitFor(() -> "a notification containing '" + text + "'; shown: " + notifications())
        .until(
            d ->
                d.findElements(NOTIFICATIONS).stream()
                    .map(WebElement::getText)
                    .filter(shown -> shown.contains(text))
                    .findFirst()
                    .orElse(null));
  }

  /** The texts of the notifications shown now. */
  public List<String> notifications() {
    return driver.findElements(NOTIFICATIONS).stream().map(WebElement::getText).toList();
  }

  /** Saves a screenshot and the page source as {@code target/e2e/NAME.png|.html}. */
  public void capture(String name) {
    browser.capture(name);
  }

  private WebDriverWait waitFor(String what) {
    return waitFor(() -> what);
  }

  private WebDriverWait waitFor(Supplier<String> what) {
    WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
    wait.withMessage(what);
    // AngularJS re-renders lists and forms as data arrives: look the element up again.
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clicks once the element can be clicked and nothing (a closing dialog's backdrop) covers it. */
  private void click(By locator) {
    waitFor(locator + " can be clicked")
        .ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
              if (element == null) {
                return false;
              }
              // Tasklist's fixed footer covers the bottom of the page, where Selenium scrolls to.
              ((JavascriptExecutor) d)
                  .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
              element.click();
              return true;
            });
  }

  /**
   * A Camunda Form as rendered by form-js, its fields found by component id ({@code Field_Alias}).
   */
  public final class Form {

    private final String root;

    private Form(String root) {
      this.root = root;
    }

    public Form type(String componentId, String text) {
      WebElement field = field(componentId);
      field.clear();
      field.sendKeys(text);
      return this;
    }

    /**
     * Picks the option with this label in a form-js select (a drop-down list, not a {@code
     * <select>}).
     */
    public Form choose(String componentId, String label) {
      click(By.cssSelector(root + " [id$='-" + componentId + "-display']"));
      click(
          By.xpath(
              "//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='"
                  + label
                  + "']"));
      waitFor(componentId + " shows " + label)
          .until(
              ExpectedConditions.textToBe(
                  By.cssSelector(root + " [id$='-" + componentId + "-display']"), label));
      return this;
    }

    public Form tick(String componentId) {
      if (!field(componentId).isSelected()) {
        click(locator(componentId));
      }
      waitFor(componentId + " is ticked").until(d -> field(componentId).isSelected());
      return this;
    }

    /**
     * The value a field shows once the form has loaded it (read-only fields come from variables).
     */
    public String value(String componentId) {
      return waitFor(componentId + " shows a value")
          .until(
              d -> {
                String value = field(componentId).getDomProperty("value");
                return value == null || value.isEmpty() ? null : value;
              });
    }

    public boolean isReadOnly(String componentId) {
      return field(componentId).getDomAttribute("readonly") != null;
    }

    private WebElement field(String componentId) {
      return waitFor("the form field " + componentId + " is shown")
          .until(ExpectedConditions.visibilityOfElementLocated(locator(componentId)));
    }

    private By locator(String componentId) {
      return By.cssSelector(root + " [id$='-" + componentId + "']");
    }
  }
}
