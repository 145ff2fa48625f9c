using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// A syntax-only over-approximation of the project's methods that may reach an LLM call, by name: a method may when
    /// its body calls an SDK entry point's name (or a raw-HTTP or prompt-function call's), or the name of another
    /// method that may. Nothing is bound, so the summary binds only the bodies that pass, and in them only the calls
    /// whose name is in the set (<see cref="ProjectCallGraph"/>).
    /// </summary>
    /// <remarks>
    /// Names, not symbols: overloads and same-named methods of other types share the answer, and an interface method
    /// shares it with its implementations, which is what makes the filter safe (it can only keep too many).
    /// Only the names a body can invoke count (<see cref="InvokedNames"/>: the called name of each invocation, and the
    /// methods query clauses, collection initializers and interpolated strings call unspelt), because an invocation
    /// is the only edge of the call graph: a method group handed to a delegate is not followed there either.
    /// What one file contributes is computed once per syntax tree and kept with it, so a re-run after an edit reads
    /// only the edited file again.
    /// </remarks>
    internal static class MayCallModelNames
    {
        /// <summary>Calls whose arguments decide (RawHttpLlmCalls, PromptFunctionCalls) or that are configured by name.</summary>
        private static readonly string[] ArgumentDependent = { "PostAsJsonAsync", "PostAsync", "SendAsync", "Send", "InvokeAsync", "InvokeStreamingAsync" };

        private static readonly ConditionalWeakTable<SyntaxTree, FileNames> Files = new();

        public static HashSet<string> Compute(Compilation compilation, IEnumerable<string> seeds, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(seeds, StringComparer.Ordinal);
            names.UnionWith(ArgumentDependent);

            var files = new List<FileNames>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                files.Add(Files.GetValue(tree, t => FileNames.Read(t, cancellationToken)));
            }

            var attributeNames = LlmCallAttributeNames(files);

            // name -> the methods whose bodies call it.
            var calledBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var pending = new Queue<string>();
            foreach (var file in files)
            {
                foreach (var method in file.Methods)
                {
                    if (HasLlmCallAttribute(method, attributeNames) && names.Add(method.Name))
                    {
                        pending.Enqueue(method.Name);
                    }

                    foreach (var called in method.Called)
                    {
                        if (!calledBy.TryGetValue(called, out var list))
                        {
                            calledBy[called] = list = new List<string>();
                        }

                        list.Add(method.Name);
                    }
                }
            }

            foreach (var seed in names)
            {
                pending.Enqueue(seed);
            }

            while (pending.Count > 0)
            {
                if (!calledBy.TryGetValue(pending.Dequeue(), out var callers))
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
        /// </summary>
        private static HashSet<string> LlmCallAttributeNames(List<FileNames> files)
        {
            var names = new HashSet<string>(StringComparer.Ordinal) { "LlmCall", "LlmCallAttribute" };

            // Until nothing changes: an alias inside a namespace may name one declared at the top of the file.
            var added = true;
            while (added)
            {
                added = false;
                foreach (var file in files)
                {
                    foreach (var (alias, target) in file.Aliases)
                    {
                        added |= names.Contains(target) && names.Add(alias);
                    }
                }
            }

            return names;
        }

        private static bool HasLlmCallAttribute(MethodNames method, HashSet<string> attributeNames)
        {
            foreach (var attribute in method.Attributes)
            {
                if (attributeNames.Contains(attribute))
                {
                    return true;
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

        /// <summary>A method declaration's name, the rightmost names of its attributes and the names its body calls.</summary>
        private sealed class MethodNames
        {
            public MethodNames(string name, string[] attributes, string[] called)
            {
                Name = name;
                Attributes = attributes;
                Called = called;
            }

            public string Name { get; }

            public string[] Attributes { get; }

            public string[] Called { get; }
        }

        /// <summary>What one syntax tree contributes: its methods, and its using aliases (alias, rightmost target name).</summary>
        private sealed class FileNames
        {
            private static readonly string[] NoNames = Array.Empty<string>();

            private FileNames(List<MethodNames> methods, List<(string Alias, string Target)> aliases)
            {
                Methods = methods;
                Aliases = aliases;
            }

            public List<MethodNames> Methods { get; }

            public List<(string Alias, string Target)> Aliases { get; }

            public static FileNames Read(SyntaxTree tree, CancellationToken cancellationToken)
            {
                var methods = new List<MethodNames>();
                var aliases = new List<(string, string)>();
                var called = new HashSet<string>(StringComparer.Ordinal);
                var containers = new Stack<SyntaxNode>();
                containers.Push(tree.GetRoot(cancellationToken));
                while (containers.Count > 0)
                {
                    foreach (var child in containers.Pop().ChildNodes())
                    {
                        switch (child)
                        {
                            case MethodDeclarationSyntax method:
                                methods.Add(Read(method, called));
                                break;
                            case UsingDirectiveSyntax { Alias: { } alias, Name: { } target }:
                                // Usings sit at the top of a file or namespace, so only those levels hold them.
                                aliases.Add((alias.Name.Identifier.ValueText, RightmostName(target)));
                                break;
                            case BaseFieldDeclarationSyntax or BasePropertyDeclarationSyntax or BaseMethodDeclarationSyntax
                                or AttributeListSyntax or GlobalStatementSyntax or EnumDeclarationSyntax or DelegateDeclarationSyntax:
                                // Members whose bodies are not methods' (the summary records ordinary methods only).
                                break;
                            default:
                                // Namespaces and every kind of type declaration (extension blocks included).
                                containers.Push(child);
                                break;
                        }
                    }
                }

                return new FileNames(methods, aliases);
            }

            private static MethodNames Read(MethodDeclarationSyntax method, HashSet<string> called)
            {
                var attributes = NoNames;
                if (method.AttributeLists.Count > 0)
                {
                    var list = new List<string>();
                    foreach (var attributeList in method.AttributeLists)
                    {
                        foreach (var attribute in attributeList.Attributes)
                        {
                            // ValueText, not the source text: `[\u004ClmCall]` and `[@LlmCall]` name the attribute too.
                            list.Add(RightmostName(attribute.Name));
                        }
                    }

                    attributes = list.ToArray();
                }

                called.Clear();
                var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                if (body is not null)
                {
                    foreach (var node in body.DescendantNodes())
                    {
                        if (node is InvocationExpressionSyntax invocation)
                        {
                            if (InvokedNames.CalledName(invocation) is { } name)
                            {
                                called.Add(name);
                            }
                        }
                        else
                        {
                            called.UnionWith(InvokedNames.ImplicitNames(node));
                        }
                    }
                }

                var calledNames = called.Count == 0 ? NoNames : new string[called.Count];
                called.CopyTo(calledNames);
                return new MethodNames(method.Identifier.ValueText, attributes, calledNames);
            }
        }
    }
}
