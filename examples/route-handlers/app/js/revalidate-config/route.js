export const revalidate = 60
