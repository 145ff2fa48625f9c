using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>ChatOptions.ModelId</c> sent to the MCP server's sampling client (<c>server.AsSamplingChatClient()</c>). The SDK
    /// turns it into <c>ModelPreferences.Hints[0].Name</c>, a hint the MCP spec calls advisory: the connected client
    /// matches it by substring and picks the model itself. No provider receives the id, so it does not float, retire
    /// or take sampling parameters in the table's sense. Only options the member visibly sends to sampling clients and
    /// nowhere else are skipped; options held elsewhere, returned, or also sent to another client are checked as before.
    /// </summary>
    internal static class McpSamplingHints
    {
        // Hops from the options to a request: an options local, a chat client local.
        private const int MaxHops = 3;

        /// <summary>Whether the <c>ChatOptions</c> this <c>ModelId</c> write belongs to go only to MCP sampling clients.</summary>
        public static bool SentOnlyAsHint(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.McpSamplingClientSources.Length == 0
                || modelWrite.Target is not IPropertyReferenceOperation property
                || modelWrite.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            IOperation? options = property.Instance switch
            {
                // new ChatOptions { ModelId = "gpt-4o" }
                IInstanceReferenceOperation when modelWrite.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } => creation,
                // options.ModelId = "gpt-4o";
                ILocalReferenceOperation local => local,
                _ => null,
            };
            if (options == null || !SymbolEqualityComparer.Default.Equals(options.Type, symbols.MeaiChatOptions))
            {
                return false;
            }

            var sends = 0;
            var onlyHints = options is ILocalReferenceOperation { Local: var holder }
                ? ReadsSentAsHints(holder, symbols, compilation, ref sends, hops: 0, cancellationToken)
                : SentAsHint(options, symbols, compilation, ref sends, hops: 0, cancellationToken);
            return onlyHints && sends > 0;
        }

        // Where one value holding the options goes: a local (followed), a request to a sampling client, or a member of
        // the options read or written (not a send). Anything else may reach a provider.
        private static bool SentAsHint(IOperation value, KnownModelSymbols symbols, Compilation compilation, ref int sends, int hops, CancellationToken cancellationToken)
        {
            if (hops > MaxHops)
            {
                return false;
            }

            var current = value;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                    return ReadsSentAsHints(local, symbols, compilation, ref sends, hops + 1, cancellationToken);
                case IArgumentOperation argument when argument.Parent is IInvocationOperation request && MemberLocals.Receiver(request) is { } client
                        && !ReferenceEquals(ModelIdValue.Unwrap(argument.Value), ModelIdValue.Unwrap(client)):
                    // server.AsSamplingChatClient().GetResponseAsync(prompt, options, ct)
                    if (!IsSamplingClient(client, symbols, compilation, hops, cancellationToken))
                    {
                        return false;
                    }

                    sends++;
                    return true;
                case IPropertyReferenceOperation read when read.Instance == current:
                    // options.ModelId = ...; options.MaxOutputTokens: a member of the options, not a send.
                    return true;
                default:
                    return false;
            }
        }

        private static bool ReadsSentAsHints(ILocalSymbol local, KnownModelSymbols symbols, Compilation compilation, ref int sends, int hops, CancellationToken cancellationToken)
        {
            foreach (var read in MemberLocals.LocalReads(local, compilation, cancellationToken))
            {
                if (!SentAsHint(read, symbols, compilation, ref sends, hops, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        // The sampling client itself, or a local whose every write is one.
        private static bool IsSamplingClient(IOperation client, KnownModelSymbols symbols, Compilation compilation, int hops, CancellationToken cancellationToken)
        {
            switch (ModelIdValue.Unwrap(client))
            {
                case IInvocationOperation call:
                    return call.TargetMethod.Name == "AsSamplingChatClient"
                        && symbols.McpSamplingClientSources.Any(source => SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType?.OriginalDefinition, source));
                case ILocalReferenceOperation { Local: var local } when hops < MaxHops:
                    var writes = WrittenValues.Of(local, compilation, cancellationToken).ToList();
                    return writes.Count > 0 && writes.All(written => IsSamplingClient(written, symbols, compilation, hops + 1, cancellationToken));
                default:
                    return false;
            }
        }
    }
}
