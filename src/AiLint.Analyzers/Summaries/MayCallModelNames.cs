using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

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
    /// What one file contributes is read once per syntax tree (<see cref="FileSyntaxFacts"/>), so a re-run after an edit
    /// reads only the edited file again.
    /// </remarks>
    internal static class MayCallModelNames
    {
        public static HashSet<string> Compute(Compilation compilation, IEnumerable<string> seeds, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(seeds, StringComparer.Ordinal);
            names.UnionWith(DirectLlmCalls.ArgumentDependentNamesIn(compilation));

            var files = new List<FileSyntaxFacts>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                files.Add(FileSyntaxFacts.Of(tree, cancellationToken));
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
        private static HashSet<string> LlmCallAttributeNames(List<FileSyntaxFacts> files)
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

        private static bool HasLlmCallAttribute(MethodSyntaxFacts method, HashSet<string> attributeNames)
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
    }
}
