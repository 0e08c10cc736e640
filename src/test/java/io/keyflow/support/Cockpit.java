package io.keyflow.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda 7 Cockpit as one person sees it in their browser, with Keyflow's plugin: log in, follow
 * links, open a route, wait for what a page shows. Every wait is bounded.
 */
public final class Cockpit {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Chromium browser;
  private final WebDriver driver;
  private final String url;

  private Cockpit(Chromium browser, String baseUrl) {
    this.browser = browser;
    this.driver = browser.driver();
    this.url = baseUrl + "/camunda/app/cockpit/default/";
  }

  /**
   * Opens Cockpit on {@code baseUrl} (e.g. {@code http://localhost:8080}), logs in and waits for
   * the dashboard.
   */
  public static Cockpit logIn(Chromium browser, String baseUrl, String user, String password) {
    Cockpit cockpit = new Cockpit(browser, baseUrl);
    cockpit.driver.get(cockpit.url);
    By username = By.cssSelector("input[ng-model='username']");
    cockpit
        .waitFor("the login form is shown")
        .until(ExpectedConditions.elementToBeClickable(username))
        .sendKeys(user);
    cockpit.driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    cockpit.driver.findElement(By.cssSelector("button[type='submit']")).click();
    cockpit
        .waitFor(user + " is logged in to Cockpit")
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(
                    ".Header .user-info, .dashboard, [cam-widget-header] .navbar-right")));
    return cockpit;
  }

  /** Shows a Cockpit route, e.g. {@code /keyflow/keys}, as if the person typed the address. */
  public void open(String route) {
    driver.get(url + "#" + route);
  }

  /** Reloads the current page, as the browser's reload button does. */
  public void reload() {
    driver.navigate().refresh();
  }

  /** Clicks the element once it is clickable. */
  public void click(By locator) {
    WebElement element =
        waitFor("the element " + locator + " can be clicked")
            .until(ExpectedConditions.elementToBeClickable(locator));
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** The element, once visible. */
  public WebElement visible(String what, By locator) {
    return waitFor(what).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Waits until the element's text contains {@code text}; returns the element's whole text. */
  public String textOnceItContains(By locator, String text) {
    waitFor("the page shows '" + text + "' in " + locator)
        .until(d -> d.findElements(locator).stream().anyMatch(e -> e.getText().contains(text)));
    return driver.findElements(locator).stream()
        .map(WebElement::getText)
        .filter(t -> t.contains(text))
        .findFirst()
        .orElseThrow();
  }

  public WebDriverWait waitFor(String what) {
    WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
    wait.withMessage("waiting until " + what);
    return wait;
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Saves what the person sees as {@code target/e2e/NAME.png}, with the window stretched to the
   * page's height first so that a long page is captured whole.
   */
  public void capture(String name) {
    // Cockpit scrolls its views inside containers; the tallest scrolling content is the page's
    // length.
    Object height =
        ((JavascriptExecutor) driver)
            .executeScript(
                "let tallest = document.body.scrollHeight;"
                    + "for (const e of document.querySelectorAll('*')) {"
                    + "  const top = e.getBoundingClientRect().top + window.scrollY;"
                    + "  if (e.scrollHeight > e.clientHeight) tallest = Math.max(tallest, top + e.scrollHeight);"
                    + "}"
                    + "return tallest;");
    int wanted = Math.min(6000, Math.max(1000, ((Number) height).intValue() + 120));
    var size = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), wanted));
    browser.capture(name);
    driver.manage().window().setSize(size);
  }
}
