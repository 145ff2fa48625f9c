using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A case together with the file it came from.</summary>
    internal readonly struct LocatedEvalCase
    {
        public LocatedEvalCase(string path, EvalCase @case)
        {
            Path = path;
            Case = @case;
        }

        public string Path { get; }

        public EvalCase Case { get; }
    }

    /// <summary>Every eval file of a compilation: cases grouped by prompt id, and the malformed lines per file.</summary>
    internal sealed class EvalSuite
    {
        private static readonly ImmutableArray<LocatedEvalCase> NoCases = ImmutableArray<LocatedEvalCase>.Empty;

        private readonly Dictionary<string, ImmutableArray<LocatedEvalCase>> casesByPrompt;
        private readonly Dictionary<string, List<MalformedEvalLine>> malformedByPath;

        private EvalSuite(
            Dictionary<string, ImmutableArray<LocatedEvalCase>> casesByPrompt,
            Dictionary<string, List<MalformedEvalLine>> malformedByPath,
            ImmutableArray<string> paths)
        {
            this.casesByPrompt = casesByPrompt;
            this.malformedByPath = malformedByPath;
            Paths = paths;
        }

        public static EvalSuite Empty { get; } = new EvalSuite(
            new Dictionary<string, ImmutableArray<LocatedEvalCase>>(),
            new Dictionary<string, List<MalformedEvalLine>>(),
            ImmutableArray<string>.Empty);

        /// <summary>The eval files that could be read, by path.</summary>
        public ImmutableArray<string> Paths { get; }

        /// <summary>Cases naming <paramref name="promptId"/> (todo and non-covering ones included), in file and line order.</summary>
        public ImmutableArray<LocatedEvalCase> GetCases(string promptId) =>
            casesByPrompt.TryGetValue(promptId, out var cases) ? cases : NoCases;

        /// <summary>Every well-formed case, whatever prompt it names, in file and line order.</summary>
        public IEnumerable<LocatedEvalCase> AllCases()
        {
            var all = new List<LocatedEvalCase>();
            foreach (var cases in casesByPrompt.Values)
            {
                all.AddRange(cases);
            }

            all.Sort((a, b) =>
            {
                var byPath = string.CompareOrdinal(a.Path, b.Path);
                return byPath != 0 ? byPath : a.Case.Line.CompareTo(b.Case.Line);
            });
            return all;
        }

        public IReadOnlyList<MalformedEvalLine> GetMalformed(string path) =>
            malformedByPath.TryGetValue(path, out var lines) ? lines : (IReadOnlyList<MalformedEvalLine>)Array.Empty<MalformedEvalLine>();

        /// <summary>Reads every <c>*.evals.jsonl</c> additional file; an unreadable file is skipped, never thrown on.</summary>
        public static EvalSuite Create(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
        {
            var files = new List<(string Path, ParsedEvalText Parsed)>();
            foreach (var file in additionalFiles)
            {
                if (!EvalFileParser.IsEvalFile(file.Path))
                {
                    continue;
                }

                SourceText? text;
                try
                {
                    text = file.GetText(cancellationToken);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // AdditionalText implementations may surface I/O failures; a missing eval file is simply no cases.
                    text = null;
                }

                if (text != null)
                {
                    files.Add((file.Path, EvalFileParser.ParseCached(text)));
                }
            }

            if (files.Count == 0)
            {
                return Empty;
            }

            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            var byPrompt = new Dictionary<string, ImmutableArray<LocatedEvalCase>.Builder>(StringComparer.Ordinal);
            var firstSeen = new Dictionary<(string Prompt, string Id), LocatedEvalCase>();
            var malformed = new Dictionary<string, List<MalformedEvalLine>>(StringComparer.Ordinal);
            var paths = ImmutableArray.CreateBuilder<string>(files.Count);
            foreach (var (path, parsed) in files)
            {
                paths.Add(path);
                List<MalformedEvalLine>? fileMalformed = parsed.Malformed.Length > 0 ? new List<MalformedEvalLine>(parsed.Malformed) : null;
                foreach (var c in parsed.Cases)
                {
                    var located = new LocatedEvalCase(path, c);
                    if (firstSeen.TryGetValue((c.Prompt, c.Id), out var first))
                    {
                        // Ids are unique per prompt (contract.md); the repeat is malformed, the first one still counts.
                        fileMalformed ??= new List<MalformedEvalLine>();
                        fileMalformed.Add(new MalformedEvalLine(
                            c.Line,
                            c.Span,
                            new LinePositionSpan(new LinePosition(c.Line, 0), new LinePosition(c.Line, c.Span.Length)),
                            "duplicate id \"" + c.Id + "\" for prompt \"" + c.Prompt + "\" (first used "
                                + (string.Equals(first.Path, path, StringComparison.Ordinal) ? "on" : "at " + first.Path)
                                + " line " + (first.Case.Line + 1).ToString(CultureInfo.InvariantCulture) + ")"));
                        continue;
                    }

                    firstSeen.Add((c.Prompt, c.Id), located);
                    if (!byPrompt.TryGetValue(c.Prompt, out var list))
                    {
                        list = ImmutableArray.CreateBuilder<LocatedEvalCase>();
                        byPrompt.Add(c.Prompt, list);
                    }

                    list.Add(located);
                }

                if (fileMalformed != null)
                {
                    fileMalformed.Sort((a, b) => a.Line.CompareTo(b.Line));
                    malformed.Add(path, fileMalformed);
                }
            }

            var frozen = new Dictionary<string, ImmutableArray<LocatedEvalCase>>(byPrompt.Count, StringComparer.Ordinal);
            foreach (var pair in byPrompt)
            {
                frozen.Add(pair.Key, pair.Value.ToImmutable());
            }

            return new EvalSuite(frozen, malformed, paths.ToImmutable());
        }
    }
}
