<?php
// FooBar sample application (PHP front controller).
//
// Nginx passes every non-static request here via FastCGI (php8.2-fpm).
// Same behaviour as app/python/foobar_app.py:
//   /        HTML page: greeting, hostname, visit counter (MySQL/MariaDB)
//   /health  "ok" (200) when SELECT 1 succeeds, "database unavailable" (503)
//   other    404
// Every response carries "X-Served-By: foobar-app".

declare(strict_types=1);

const DEFAULT_CONFIG_PATH = '/srv/foobar/shared/config.ini';
const GREETING = 'Hello from www.foobar.com';

// One statement does the whole increment; LAST_INSERT_ID(expr) keeps the new
// value per connection, so concurrent requests never read each other's value.
// LAST_INSERT_ID(1) in VALUES covers a missing seed row.
const INCREMENT_SQL = 'INSERT INTO visits (id, count) VALUES (1, LAST_INSERT_ID(1)) '
    . 'ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1)';

header('X-Served-By: foobar-app');

function config_path(): string
{
    // php-fpm clears the environment by default (clear_env = yes): the value
    // may come from the pool's env[...] (getenv) or a fastcgi_param ($_SERVER).
    $path = getenv('FOOBAR_CONFIG');
    if ($path === false || $path === '') {
        $path = $_SERVER['FOOBAR_CONFIG'] ?? '';
    }
    return $path !== '' ? $path : DEFAULT_CONFIG_PATH;
}

/** @return array{host:string,port:int,name:string,user:string,password:string} */
function load_config(): array
{
    $path = config_path();
    // INI_SCANNER_RAW: take values literally (no true/false/null conversion,
    // no ${var} expansion), so any password survives.
    $ini = @parse_ini_file($path, true, INI_SCANNER_RAW);
    if ($ini === false || !isset($ini['database']) || !is_array($ini['database'])) {
        throw new RuntimeException("cannot read [database] from config file $path");
    }
    $db = $ini['database'];
    foreach (['name', 'user', 'password'] as $key) {
        if (!isset($db[$key])) {
            throw new RuntimeException("missing key $key in [database] of $path");
        }
    }
    $host = trim((string)($db['host'] ?? ''));
    return [
        'host' => $host !== '' ? $host : 'localhost',
        'port' => (int)($db['port'] ?? 3306),
        'name' => (string)$db['name'],
        'user' => (string)$db['user'],
        // Percent-encoded UTF-8, so that any password survives both INI parsers (see README.md).
        'password' => rawurldecode((string)$db['password']),
    ];
}

function connect(array $config): PDO
{
    // A host starting with "/" is a unix socket path.
    if (str_starts_with($config['host'], '/')) {
        $dsn = "mysql:unix_socket={$config['host']};dbname={$config['name']};charset=utf8mb4";
    } else {
        $dsn = "mysql:host={$config['host']};port={$config['port']};dbname={$config['name']};charset=utf8mb4";
    }
    return new PDO($dsn, $config['user'], $config['password'], [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_TIMEOUT => 5,
    ]);
}

function increment_visits(PDO $pdo): int
{
    $pdo->beginTransaction();
    try {
        $pdo->exec(INCREMENT_SQL);
        $visits = (int)$pdo->query('SELECT LAST_INSERT_ID()')->fetchColumn();
        $pdo->commit();
        return $visits;
    } catch (Throwable $e) {
        $pdo->rollBack();
        throw $e;
    }
}

/**
 * Log to the php-fpm error log with the password masked. No stack trace: with
 * zend.exception_ignore_args off, traces show (truncated) arguments.
 */
function log_error(Throwable $e, ?array $config): void
{
    $text = get_class($e) . ': ' . $e->getMessage() . ' at ' . basename($e->getFile()) . ':' . $e->getLine();
    if ($config !== null && $config['password'] !== '') {
        $text = str_replace($config['password'], '***', $text);
    }
    error_log('foobar_app: error: ' . $text);
}

function respond(int $status, string $type, string $body): void
{
    http_response_code($status);
    header("Content-Type: $type; charset=utf-8");
    header('Content-Length: ' . strlen($body));
    echo $body;
}

function page(): void
{
    $config = null;
    try {
        $config = load_config();
        $visits = increment_visits(connect($config));
    } catch (Throwable $e) {
        log_error($e, $config);
        respond(500, 'text/plain', 'internal server error');
        return;
    }
    $hostname = htmlspecialchars((string)gethostname(), ENT_QUOTES, 'UTF-8');
    $greeting = GREETING;
    header('Cache-Control: no-store');
    respond(200, 'text/html', <<<HTML
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>www.foobar.com</title>
  <link rel="stylesheet" href="/static/style.css">
</head>
<body>
  <main>
    <h1>{$greeting}</h1>
    <p>Served by host</p>
    <p id="hostname">{$hostname}</p>
    <p>Visits so far</p>
    <p id="visits">{$visits}</p>
  </main>
</body>
</html>

HTML);
}

function health(): void
{
    $config = null;
    header('Cache-Control: no-store');
    try {
        $config = load_config();
        $ok = (int)connect($config)->query('SELECT 1')->fetchColumn() === 1;
    } catch (Throwable $e) {
        log_error($e, $config);
        $ok = false;
    }
    if ($ok) {
        respond(200, 'text/plain', 'ok');
    } else {
        respond(503, 'text/plain', 'database unavailable');
    }
}

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

try {
    if ($path !== '/' && $path !== '/health') {
        respond(404, 'text/plain', 'not found');
    } elseif ($method !== 'GET' && $method !== 'HEAD') {
        header('Allow: GET, HEAD');
        respond(405, 'text/plain', 'method not allowed');
    } elseif ($path === '/') {
        page();
    } else {
        health();
    }
} catch (Throwable $e) {
    log_error($e, null);
    if (!headers_sent()) {
        respond(500, 'text/plain', 'internal server error');
    }
}
