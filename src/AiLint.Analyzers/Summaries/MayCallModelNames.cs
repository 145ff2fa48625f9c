using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// A syntax-only over-approximation of the project's methods that may reach an LLM call, by name: a method may when
    /// its body mentions an SDK entry point's name (or a raw-HTTP or prompt-function call's), or the name of another
    /// method that may. Nothing is bound, so the summary binds only the bodies that pass.
    /// </summary>
    /// <remarks>
    /// Names, not symbols: overloads and same-named methods of other types share the answer, and an interface method
    /// shares it with its implementations, which is what makes the filter safe (it can only keep too many).
    /// </remarks>
    internal static class MayCallModelNames
    {
        /// <summary>Calls whose arguments decide (RawHttpLlmCalls, PromptFunctionCalls) or that are configured by name.</summary>
        private static readonly string[] ArgumentDependent = { "PostAsJsonAsync", "PostAsync", "SendAsync", "Send", "InvokeAsync", "InvokeStreamingAsync" };

        public static HashSet<string> Compute(Compilation compilation, IEnumerable<string> seeds, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(seeds, StringComparer.Ordinal);
            names.UnionWith(ArgumentDependent);

            // name -> the methods whose bodies mention it; and each method's name.
            var mentionedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var pending = new Queue<string>();
            var attributeNames = LlmCallAttributeNames(compilation, cancellationToken);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not MethodDeclarationSyntax method)
                    {
                        continue;
                    }

                    var name = method.Identifier.ValueText;
                    if (HasLlmCallAttribute(method, attributeNames) && names.Add(name))
                    {
                        pending.Enqueue(name);
                    }

                    var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                    if (body is null)
                    {
                        continue;
                    }

                    foreach (var token in body.DescendantTokens())
                    {
                        if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                        {
                            var mentioned = token.ValueText;
                            if (!mentionedBy.TryGetValue(mentioned, out var list))
                            {
                                mentionedBy[mentioned] = list = new List<string>();
                            }

                            list.Add(name);
                        }
                    }
                }
            }

            foreach (var seed in names)
            {
                pending.Enqueue(seed);
            }

            while (pending.Count > 0)
            {
                if (!mentionedBy.TryGetValue(pending.Dequeue(), out var callers))
                {
                    continue;
                }

                foreach (var caller in callers)
                {
                    if (names.Add(caller))
                    {
                        pending.Enqueue(caller);
                    }
                }
            }

            return names;
        }

        /// <summary>
        /// The names <c>[LlmCall]</c> can be written with: <c>LlmCall</c>, <c>LlmCallAttribute</c>, and any using alias
        /// (global ones included) for them, e.g. <c>using Model = AiLint.LlmCallAttribute;</c> then <c>[Model]</c>.
        /// Usings sit at the top of a file or namespace, so only those levels are visited.
        /// </summary>
        private static HashSet<string> LlmCallAttributeNames(Compilation compilation, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { "LlmCall", "LlmCallAttribute" };
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax))
                {
                    if (node is UsingDirectiveSyntax { Alias: { } alias, Name: { } target } && names.Contains(RightmostName(target)))
                    {
                        names.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }

            return names;
        }

        private static bool HasLlmCallAttribute(MethodDeclarationSyntax method, HashSet<string> attributeNames)
        {
            foreach (var list in method.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    // ValueText, not the source text: `[\u004ClmCall]` and `[@LlmCall]` name the attribute too.
                    if (attributeNames.Contains(RightmostName(attribute.Name)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string RightmostName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => name.ToString(),
        };
    }
}
