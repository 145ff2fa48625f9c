using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The calls a retry makes between attempts without touching the request: logging and waiting. The retry rules ask
    /// this in several places (a project helper that only logs or waits is read-only, a result loop that only logs the
    /// rejected answer drops it, a retry helper's callback that only logs the attempt number sends the same request), so
    /// it is written once, over resolved symbols, and resolved once per compilation. Cancellation tokens are recognised
    /// here too: they travel with those calls and are never part of a request.
    /// </summary>
    /// <remarks>
    /// Logging: <c>ILogger</c> (and <c>ILogger&lt;T&gt;</c> or any implementation) and <c>LoggerExtensions</c>
    /// (Microsoft.Extensions.Logging), methods marked <c>[LoggerMessage]</c>, Serilog's <c>Log</c>/<c>ILogger</c> and
    /// NLog's loggers when the project references them, <c>Console.Write</c>/<c>WriteLine</c> (not the console's reads,
    /// which take new input), and every method of <c>System.Diagnostics.Debug</c> and <c>Trace</c>, which write trace
    /// output only. Waiting: <c>Task.Delay</c> (every overload, the <c>TimeProvider</c> one included),
    /// <c>Thread.Sleep</c>, and <c>TimeProvider</c>'s <c>Delay</c> extension of Microsoft.Bcl.TimeProvider.
    /// </remarks>
    internal sealed class LogAndWaitCalls
    {
        private static readonly ConditionalWeakTable<Compilation, LogAndWaitCalls> Cache = new();

        private readonly INamedTypeSymbol?[] loggerTypes;
        private readonly INamedTypeSymbol? loggerMessageAttribute;
        private readonly INamedTypeSymbol? console;
        private readonly INamedTypeSymbol? debug;
        private readonly INamedTypeSymbol? trace;
        private readonly INamedTypeSymbol? task;
        private readonly INamedTypeSymbol? thread;
        private readonly INamedTypeSymbol? timeProviderDelays;
        private readonly INamedTypeSymbol? cancellationToken;

        private LogAndWaitCalls(Compilation compilation)
        {
            loggerTypes = new[]
            {
                compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger"),
                compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions"),
                compilation.GetTypeByMetadataName("Serilog.ILogger"),
                compilation.GetTypeByMetadataName("Serilog.Log"),
                compilation.GetTypeByMetadataName("NLog.ILoggerBase"),
                compilation.GetTypeByMetadataName("NLog.ILogger"),
            }.Where(t => t is not null).ToArray();
            loggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
            console = compilation.GetTypeByMetadataName("System.Console");
            debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
            trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
            task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            timeProviderDelays = compilation.GetTypeByMetadataName("System.Threading.Tasks.TimeProviderTaskExtensions");
            cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        }

        public static LogAndWaitCalls For(Compilation compilation) => Cache.GetValue(compilation, c => new LogAndWaitCalls(c));

        /// <summary>A call that only writes a log, the console or trace output.</summary>
        public bool IsLogging(IMethodSymbol? method)
        {
            if (method is null)
            {
                return false;
            }

            var type = (method.ReducedFrom ?? method).ContainingType;
            if (type is null)
            {
                return false;
            }

            if (KnownRetrySymbols.Is(type, console))
            {
                return method.Name.StartsWith("Write", System.StringComparison.Ordinal);
            }

            return KnownRetrySymbols.Is(type, debug) || KnownRetrySymbols.Is(type, trace)
                || loggerTypes.Any(t => KnownRetrySymbols.IsOrInherits(type, t))
                || (loggerMessageAttribute is not null && method.GetAttributes().Any(a => KnownRetrySymbols.Is(a.AttributeClass, loggerMessageAttribute)));
        }

        /// <summary>A call that only waits: <c>Task.Delay</c>, <c>Thread.Sleep</c>, a <c>TimeProvider</c> delay.</summary>
        public bool IsWait(IMethodSymbol? method)
        {
            if (method is null)
            {
                return false;
            }

            var type = (method.ReducedFrom ?? method).ContainingType;
            return method.Name switch
            {
                "Delay" => KnownRetrySymbols.Is(type, task) || KnownRetrySymbols.Is(type, timeProviderDelays),
                "Sleep" => KnownRetrySymbols.Is(type, thread),
                _ => false,
            };
        }

        public bool IsLoggingOrWait(IMethodSymbol? method) => IsLogging(method) || IsWait(method);

        /// <summary><c>System.Threading.CancellationToken</c> (by its symbol; a type of the project named so is not one).</summary>
        public bool IsCancellationToken(ITypeSymbol? type) => KnownRetrySymbols.Is(type, cancellationToken);
    }
}
