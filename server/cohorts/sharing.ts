// What a learner agrees to share when they join a cohort, shown word for word on the join page and in settings.
// The version is stored with each membership: a changed statement gets a new number, so what every member
// accepted stays known.
export const sharingStatement = {
  version: 1,
  items: [
    "Your name and email address, and when you joined.",
    "Your progress in every lesson: sections read, checklist items ticked, when you were last active.",
    "Your quick test attempts, with your answers and scores.",
    "Every exercise submission: the files you sent, the grading's log and checks, the verdict and the image size.",
  ],
  /** Said next to the list, so nobody assumes only new work is seen. */
  scope: "This covers your work from before you joined as well as after. Your password and unsubmitted drafts stay private.",
  leaving: "You can leave the cohort at any time in Account settings; the instructor stops seeing your work at once.",
} as const;
