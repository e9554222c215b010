# bash completion for grill; made by `grill help --completion`
_grill()
{
	local cur prev cmd i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
	done
	case $prev in
		--bank-dir|--output|-o|--export|-e) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--level|-l) COMPREPLY=($(compgen -W "junior mid senior staff" -- "$cur")); return ;;
		--format|-f) COMPREPLY=($(compgen -W "text md json html" -- "$cur")); return ;;
		--kind|-k) COMPREPLY=($(compgen -W "solo pair debrief" -- "$cur")); return ;;
	esac
	case $cmd in
		run) COMPREPLY=($(compgen -W "--bank --topic --tag --level --questions --seed --fresh --minutes --claims --depth --coach --offline --llm-probes --bank-dir --quiet --help " -- "$cur")) ;;
		resume) COMPREPLY=($(compgen -W "--offline --bank-dir --quiet --help " -- "$cur")) ;;
		pair) COMPREPLY=($(compgen -W "--bank --topic --tag --level --questions --seed --fresh --export --candidate --interviewer --bank-dir --quiet --help " -- "$cur")) ;;
		import) COMPREPLY=($(compgen -W "--bank-dir --quiet --help " -- "$cur")); [[ $cur == -* ]] || COMPREPLY+=($(compgen -f -- "$cur")) ;;
		score) COMPREPLY=($(compgen -W "--bank-dir --quiet --help " -- "$cur")) ;;
		assess) COMPREPLY=($(compgen -W "--json --details --bank-dir --quiet --help " -- "$cur")); [[ $cur == -* ]] || COMPREPLY+=($(compgen -f -- "$cur")) ;;
		history) COMPREPLY=($(compgen -W "--kind --bank --since --until --limit --json --bank-dir --quiet --help " -- "$cur")) ;;
		report) COMPREPLY=($(compgen -W "--format --output --bank-dir --quiet --help " -- "$cur")) ;;
		stats) COMPREPLY=($(compgen -W "--last --json --bank-dir --quiet --help " -- "$cur")) ;;
		banks) COMPREPLY=($(compgen -W "--json --bank-dir --quiet --help " -- "$cur")) ;;
		validate) COMPREPLY=($(compgen -W "--bank-dir --quiet --help " -- "$cur")); [[ $cur == -* ]] || COMPREPLY+=($(compgen -f -- "$cur")) ;;
		doctor) COMPREPLY=($(compgen -W "--bank-dir --quiet --help " -- "$cur")) ;;
		help) COMPREPLY=($(compgen -W "--man --completion --bank-dir --quiet --help run resume pair import score assess history report stats banks validate doctor help " -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "run resume pair import score assess history report stats banks validate doctor help --help --version" -- "$cur")) ;;
	esac
}
complete -F _grill grill
