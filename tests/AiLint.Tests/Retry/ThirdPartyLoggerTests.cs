using AiLint.Tests.Verifiers;
using static AiLint.Tests.Sdks.SdkTest;

namespace AiLint.Tests.Retry;

/// <summary>
/// Serilog and NLog calls between attempts only write a log, as Microsoft.Extensions.Logging's do: a project helper
/// that only logs through them leaves the conversation as it was, so the result loop around it sends the same request
/// again (AIL0001). <c>LogAndWaitCalls</c> resolves both libraries' logger types when the project references them;
/// these tests compile against the real Serilog 4.4.0 and NLog 6.2.2 assemblies.
/// </summary>
public class ThirdPartyLoggerTests
{
    private const string Id = "AIL0001";

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source) => RetryAsync(OlderSdkReferences.ThirdPartyLoggers, Id, Usings + source);

    /// <summary>
    /// A result loop (the answer rejected when it is not JSON) that hands the conversation and the attempt to a helper
    /// of the project between attempts, as <c>LogAndWaitRecognitionTests</c> does for trace output.
    /// </summary>
    private static string Asker(string name, string fields, string call, string backoffBody) => $$"""
        public sealed class {{name}}(IChatClient chat)
        {
        {{fields}}

            public async Task<string> AskJsonAsync(List<ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    var response = await chat.{{call}}(messages, cancellationToken: ct);
                    if (response.Text.TrimStart().StartsWith('{'))
                    {
                        return response.Text;
                    }

                    Backoff(messages, attempt);
                }

                throw new InvalidOperationException("No JSON after 3 attempts.");
            }

            private void Backoff(List<ChatMessage> messages, int attempt)
            {
        {{backoffBody}}
            }
        }

        """;

    /// <summary>
    /// Serilog's static <c>Log</c>, an injected <c>Serilog.ILogger</c> and the <c>Serilog.Core.Logger</c> class that
    /// <c>LoggerConfiguration.CreateLogger()</c> returns: each only writes a log, so each loop is a retry.
    /// </summary>
    [Fact]
    public Task Helper_that_only_logs_through_Serilog_leaves_the_request_unchanged() => VerifyAsync(
        Asker("StaticLogAsker", string.Empty, "[|GetResponseAsync|]", """
                    Serilog.Log.Warning("Answer was not JSON ({Count} messages), attempt {Attempt}", messages.Count, attempt);
            """)
        + Asker("InjectedLoggerAsker", "    private readonly Serilog.ILogger log = Serilog.Log.ForContext<InjectedLoggerAsker>();", "[|GetResponseAsync|]", """
                    log.Information("Retrying attempt {Attempt}", attempt);
            """)
        + Asker("CoreLoggerAsker", "    private readonly Serilog.Core.Logger log = new Serilog.LoggerConfiguration().CreateLogger();", "[|GetResponseAsync|]", """
                    log.Debug("Retrying attempt {Attempt}", attempt);
            """));

    /// <summary>
    /// NLog's <c>Logger</c> class (from <c>LogManager.GetCurrentClassLogger()</c>, the form most NLog apps write) and its
    /// <c>ILogger</c> interface: each only writes a log, so each loop is a retry.
    /// </summary>
    [Fact]
    public Task Helper_that_only_logs_through_NLog_leaves_the_request_unchanged() => VerifyAsync(
        Asker("ClassLoggerAsker", "    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();", "[|GetResponseAsync|]", """
                    Log.Warn("Answer was not JSON, attempt {0}", attempt);
            """)
        + Asker("InterfaceLoggerAsker", "    private readonly NLog.ILogger log = NLog.LogManager.GetLogger(\"asker\");", "[|GetResponseAsync|]", """
                    log.Info("Retrying attempt {0} with {1} messages", attempt, messages.Count);
            """));

    /// <summary>
    /// The twins real code writes beside them: a helper that logs and then appends a correction to the conversation
    /// changes the request (a re-ask), and one that logs and then starts a process does more than log. Both quiet.
    /// </summary>
    [Fact]
    public Task Helper_that_logs_and_changes_the_conversation_or_does_more_stays_quiet() => VerifyAsync(
        Asker("SerilogCorrectingAsker", string.Empty, "GetResponseAsync", """
                    Serilog.Log.Warning("Answer was not JSON, attempt {Attempt}", attempt);
                    messages.Add(new ChatMessage(ChatRole.User, "Answer with JSON only."));
            """)
        + Asker("NLogCorrectingAsker", "    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();", "GetResponseAsync", """
                    Log.Warn("Answer was not JSON, attempt {0}", attempt);
                    messages.Add(new ChatMessage(ChatRole.User, "Answer with JSON only."));
            """)
        + Asker("NotifyingAsker", string.Empty, "GetResponseAsync", """
                    Serilog.Log.Warning("attempt {Attempt}", attempt);
                    Process.Start("notify-send", "retrying " + messages.Count);
            """));
}
